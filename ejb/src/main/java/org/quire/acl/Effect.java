package org.quire.acl;

public enum Effect { ALLOW, DENY }
