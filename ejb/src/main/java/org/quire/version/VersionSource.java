package org.quire.version;

/** Where a version came from. */
public enum VersionSource { UPLOAD, RESTORE, WOPI, ONLYOFFICE }
