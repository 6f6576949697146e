package org.quire.web.security;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/** Container-generated errors (authentication challenges, refused roles) in Quire's JSON error format. */
@WebServlet("/error-page")
public class ErrorPageServlet extends HttpServlet {

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : 500;
        String[] error = switch (status) {
            case 401 -> new String[]{"unauthorized", "Authentication is required: sign in or send HTTP Basic credentials."};
            case 403 -> new String[]{"forbidden", "You are not allowed to do this."};
            default -> new String[]{"internal_error", "The request could not be served."};
        };
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"error\":\"" + error[0] + "\",\"message\":\"" + error[1] + "\"}");
    }
}
