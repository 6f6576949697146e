package org.quire.version;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import org.quire.content.BlobRef;
import org.quire.tree.Document;

import java.time.LocalDateTime;

/** One saved state of a document. Immutable once written: there are no setters. */
@Entity
@Table(name = "document_version")
@NamedQuery(name = "DocumentVersion.ofDocument", query = "SELECT v FROM DocumentVersion v WHERE v.document = :document ORDER BY v.number DESC")
@NamedQuery(name = "DocumentVersion.countOfDocument", query = "SELECT COUNT(v) FROM DocumentVersion v WHERE v.document = :document")
@NamedQuery(name = "DocumentVersion.byNumber", query = "SELECT v FROM DocumentVersion v WHERE v.document = :document AND v.number = :number")
public class DocumentVersion {

    public static final int MAX_COMMENT = 1000;

    @Id
    @SequenceGenerator(name = "quire_seq", sequenceName = "quire_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "quire_seq")
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "document_id", nullable = false, updatable = false)
    private Document document;

    @Column(name = "version_number", nullable = false, updatable = false)
    private int number;

    @Column(nullable = false, updatable = false)
    private String sha256;

    @Column(name = "byte_size", nullable = false, updatable = false)
    private long size;

    @Column(nullable = false, updatable = false)
    private String author;

    @Column(nullable = false, updatable = false)
    private LocalDateTime created;

    @Enumerated(EnumType.STRING)
    @Column(name = "version_source", nullable = false, updatable = false)
    private VersionSource source;

    @Column(name = "version_comment", updatable = false, length = MAX_COMMENT)
    private String comment;

    protected DocumentVersion() {
    }

    public DocumentVersion(Document document, int number, BlobRef content, String author, VersionSource source,
                           String comment, LocalDateTime created) {
        this.document = document;
        this.number = number;
        this.sha256 = content.sha256();
        this.size = content.size();
        this.author = author;
        this.source = source;
        this.comment = comment;
        this.created = created;
    }

    public BlobRef content() {
        return new BlobRef(sha256, size);
    }

    public Long getId() {
        return id;
    }

    public Document getDocument() {
        return document;
    }

    public int getNumber() {
        return number;
    }

    public String getSha256() {
        return sha256;
    }

    public long getSize() {
        return size;
    }

    public String getAuthor() {
        return author;
    }

    public LocalDateTime getCreated() {
        return created;
    }

    public VersionSource getSource() {
        return source;
    }

    public String getComment() {
        return comment;
    }
}
