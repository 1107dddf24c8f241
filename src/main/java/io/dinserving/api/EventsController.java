package io.dinserving.api;

import io.dinserving.events.EventBatch;
import io.dinserving.events.EventIngestor;
import io.dinserving.events.IngestResult;
import io.dinserving.events.InvalidEventException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.dao.DataAccessException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class EventsController {

    private final EventIngestor ingestor;

    EventsController(EventIngestor ingestor) {
        this.ingestor = ingestor;
    }

    @Operation(
            summary = "Record behaviour events and profile updates",
            description = "Each event goes into its user's history at its place in time; a resent event "
                    + "(same eventId, or same item and time) is counted as a duplicate and changes nothing. "
                    + "A batch with any invalid part is refused whole: 400 problem+json naming the field.")
    @ApiResponse(responseCode = "200", description = "What became of the events")
    @ApiResponse(
            responseCode = "400",
            description = "Invalid batch, nothing written: the problem's field property names the field",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(
            responseCode = "503",
            description = "The user store did not answer; resend the batch, which is safe: a resent event is a "
                    + "duplicate",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(implementation = ProblemDetail.class)))
    @PostMapping(
            path = "/events",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    IngestResult record(@RequestBody(required = false) EventBatch batch) {
        try {
            return ingestor.ingest(batch);
        } catch (InvalidEventException e) {
            throw new InvalidRequestException(e.field(), e.reason());
        } catch (DataAccessException e) {
            throw new UserStoreUnavailableException("events", e);
        }
    }
}
