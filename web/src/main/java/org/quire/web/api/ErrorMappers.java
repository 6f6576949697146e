package org.quire.web.api;

import jakarta.ejb.EJBAccessException;
import jakarta.ejb.EJBException;
import jakarta.json.bind.JsonbException;
import jakarta.validation.ConstraintViolationException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.quire.audit.AuditAction;
import org.quire.lock.LockView;
import org.quire.lock.LockedException;
import org.quire.platform.QuireException;
import org.quire.platform.Times;
import org.quire.web.api.Dtos.ErrorDto;
import org.quire.web.security.Refusals;

import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/** The one place where errors become HTTP answers: {@code {"error": code, "message": text}} with the right status. */
public final class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class.getName());

    private ErrorMappers() {
    }

    /** A 409 for a locked document names the lock: kind, holder, since when and until when. */
    public record LockedErrorDto(String error, String message, Holder lock) {
        public record Holder(String kind, String holder, java.time.OffsetDateTime acquired, java.time.OffsetDateTime expires) {
        }
    }

    static Response error(int status, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorDto(code, message)).build();
    }

    static int status(QuireException.Kind kind) {
        return switch (kind) {
            case INVALID -> 400;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case TOO_LARGE -> 413;
            case TOO_MANY_REQUESTS -> 429;
            case UNAVAILABLE -> 503;
            case STORAGE_FULL -> 507;
        };
    }

    static Response map(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof LockedException locked) {
                LockView l = locked.lock();
                return Response.status(409).type(MediaType.APPLICATION_JSON_TYPE).entity(new LockedErrorDto(locked.code(), locked.getMessage(),
                        new LockedErrorDto.Holder(l.kind().name(), l.holder(), Times.utc(l.acquired()), Times.utc(l.expires())))).build();
            }
            if (c instanceof QuireException q) {
                Response answer = error(status(q.kind()), q.code(), q.getMessage());
                return q.retryAfter().map(d -> Response.fromResponse(answer).header("Retry-After", Math.max(1, (d.toMillis() + 999) / 1000)).build())
                        .orElse(answer);
            }
            if (c instanceof ConstraintViolationException v) {
                return error(400, "invalid_input", v.getConstraintViolations().stream()
                        .map(cv -> cv.getPropertyPath() + ": " + cv.getMessage()).collect(Collectors.joining("; ")));
            }
            if (c instanceof EJBAccessException) {
                return error(403, "forbidden", "You are not allowed to do this.");
            }
            if (c instanceof JsonbException) {
                return error(400, "invalid_json", "The request body is not valid JSON for this operation.");
            }
        }
        LOG.log(Level.SEVERE, "Unexpected failure", t);
        return error(500, "internal_error", "Something went wrong on the server; the error is logged.");
    }

    /**
     * The mappers' common part: a request refused as invalid (400) leaves an {@code INPUT_REJECTED} audit row
     * naming the document when the path is one's. Other refusals are audited where they are decided (access,
     * locks, uploads, tokens).
     */
    abstract static class AuditedMapper<T extends Throwable> implements ExceptionMapper<T> {

        @Context
        HttpServletRequest request;

        @Context
        UriInfo uri;

        @Override
        public final Response toResponse(T e) {
            Response answer = answer(e);
            if (answer.getStatus() == 400) {
                String why = answer.getEntity() instanceof ErrorDto dto ? dto.error() + ": " + dto.message() : "bad request";
                Refusals.current().record(AuditAction.INPUT_REJECTED, request, documentId(), why);
            }
            return answer;
        }

        abstract Response answer(T e);

        private String documentId() {
            try {
                return uri.getPath().startsWith("documents/") ? uri.getPathParameters().getFirst("id") : null;
            } catch (RuntimeException outsideRequest) {
                return null;
            }
        }
    }

    @Provider
    public static class QuireExceptionMapper extends AuditedMapper<QuireException> {
        @Override
        Response answer(QuireException e) {
            return map(e);
        }
    }

    @Provider
    public static class ValidationMapper extends AuditedMapper<ConstraintViolationException> {
        @Override
        Response answer(ConstraintViolationException e) {
            return map(e);
        }
    }

    @Provider
    public static class EjbMapper extends AuditedMapper<EJBException> {
        @Override
        Response answer(EJBException e) {
            return map(e);
        }
    }

    @Provider
    public static class WebMapper extends AuditedMapper<WebApplicationException> {
        @Override
        Response answer(WebApplicationException e) {
            if (e.getCause() instanceof JsonbException || e.getCause() instanceof jakarta.json.JsonException) {
                return error(400, "invalid_json", "The request body is not valid JSON for this operation.");
            }
            int status = e.getResponse().getStatus();
            String code = switch (status) {
                case 404 -> "not_found";
                case 405 -> "method_not_allowed";
                case 406 -> "not_acceptable";
                case 415 -> "unsupported_media_type";
                default -> status >= 500 ? "internal_error" : "bad_request";
            };
            Response.ResponseBuilder b = Response.fromResponse(error(status, code, e.getMessage() == null ? code : e.getMessage()));
            String allow = e.getResponse().getHeaderString("Allow");
            if (allow != null) {
                b.header("Allow", allow);
            }
            return b.build();
        }
    }

    @Provider
    public static class FallbackMapper extends AuditedMapper<Throwable> {
        @Override
        Response answer(Throwable e) {
            return map(e);
        }
    }
}
