package org.quire.web.api;

import org.quire.platform.InvalidInputException;

/** {@code page} (from 0) and {@code size} (1–500, default 50) of a collection request. */
record Paging(int page, int size) {

    static final int DEFAULT_SIZE = 50;
    static final int MAX_SIZE = 500;

    static Paging of(Integer page, Integer size) {
        int p = page == null ? 0 : page;
        int s = size == null ? DEFAULT_SIZE : size;
        if (p < 0 || s < 1 || s > MAX_SIZE) {
            throw new InvalidInputException("invalid_paging", "page must be ≥ 0 and size between 1 and " + MAX_SIZE + ".");
        }
        return new Paging(p, s);
    }
}
