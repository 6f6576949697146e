package org.quire.acl;

/** What a principal may do to a document or folder. */
public enum Permission { READ, DOWNLOAD, COMMENT, REVIEW, FILL_FORMS, WRITE, DELETE, MANAGE }
