package org.quire.database;

/**
 * Why the database cannot be opened, in an operator's words: what is wrong and what to do about it. Quire stays
 * deployed in that state and says both on {@code /health/*}, in the log and in every answer (503).
 */
public class DatabaseProblem extends Exception {

    private final String action;

    public DatabaseProblem(String problem, String action) {
        super(problem);
        this.action = action;
    }

    public DatabaseProblem(String problem, String action, Throwable cause) {
        super(problem, cause);
        this.action = action;
    }

    public String problem() {
        return getMessage();
    }

    public String action() {
        return action;
    }
}
