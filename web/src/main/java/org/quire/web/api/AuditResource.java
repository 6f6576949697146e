package org.quire.web.api;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.quire.audit.AuditEvent;
import org.quire.audit.AuditService;
import org.quire.platform.InvalidInputException;
import org.quire.platform.Times;
import org.quire.web.api.Dtos.PageDto;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** The audit log (dms-admin): filter by document, user, action type and time; paged, newest first. */
@Path("audit")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    @Inject
    AuditService audit;

    public record AuditDto(long id, OffsetDateTime at, String user, String address, String type, String documentId,
                           String target, String detail) {
        static AuditDto of(AuditEvent e) {
            return new AuditDto(e.getId(), Times.utc(e.getOccurredAt()), e.getActor(), e.getAddress(), e.getAction(),
                    e.getDocumentId(), e.getTarget(), e.getDetail());
        }
    }

    @GET
    public PageDto<AuditDto> search(@QueryParam("documentId") String documentId, @QueryParam("user") String user,
                                    @QueryParam("type") String type, @QueryParam("from") String from, @QueryParam("to") String to,
                                    @QueryParam("page") Integer page, @QueryParam("size") Integer size) {
        Paging paging = Paging.of(page, size);
        var filter = new AuditService.Filter(documentId, user, type, time(from, "from"), time(to, "to"));
        var result = audit.search(filter, paging.page(), paging.size());
        return new PageDto<>(result.items().stream().map(AuditDto::of).toList(), result.total());
    }

    private static java.time.LocalDateTime time(String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("invalid_time", name + " must be an ISO-8601 time with offset, e.g. 2026-01-31T12:00:00Z.");
        }
    }
}
