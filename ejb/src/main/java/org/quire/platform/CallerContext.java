package org.quire.platform;

import jakarta.enterprise.context.RequestScoped;

/**
 * What the core knows of the current request beyond the authenticated principal: the client address,
 * as the web layer determined it. The core records it in the audit log; it never sees HTTP itself.
 */
@RequestScoped
public class CallerContext {

    private String address = "local";

    public String address() {
        return address;
    }

    public void setAddress(String address) {
        this.address = address == null ? "unknown" : address;
    }
}
