package org.quire.admin;

import java.util.List;

/** One page of an administrator's listing and the size of the whole listing. */
public record AdminPage<T>(List<T> items, long total) {
}
