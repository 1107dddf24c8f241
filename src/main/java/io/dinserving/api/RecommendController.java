package io.dinserving.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class RecommendController {

    private final RecommendationService service;

    RecommendController(RecommendationService service) {
        this.service = service;
    }

    @Operation(
            summary = "Rank candidates for a user's recent behaviour",
            description = "Scores every distinct candidate with DIN and returns them best first. "
                    + "Bad input gets 400 problem+json naming the field; a full queue gets 503 with Retry-After.")
    @ApiResponse(responseCode = "200", description = "The candidates ranked, best first")
    @ApiResponse(
            responseCode = "400",
            description = "Invalid request: the problem's field property names the field",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(
            responseCode = "413",
            description = "The body is larger than din.api.max-body-size",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(
            responseCode = "415",
            description = "The body is not application/json",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(
            responseCode = "406",
            description = "The Accept header excludes application/json",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(
            responseCode = "414",
            description = "The URL is longer than the server's header buffer",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(
            responseCode = "431",
            description = "Too many request headers, or headers larger than the server's header buffer",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(
            responseCode = "500",
            description = "The service failed to answer; the cause is in its log, never in the body",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(
            responseCode = "503",
            description = "The scoring queue is full; retry after the Retry-After header",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(
            responseCode = "504",
            description = "The scores did not arrive within din.batching.request-timeout",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(implementation = ProblemDetail.class)))
    @PostMapping(
            path = "/recommend",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    CompletableFuture<ResponseEntity<RecommendResponse>> recommend(
            @RequestBody(required = false) RecommendRequest request,
            @RequestAttribute(name = RequestIdFilter.ATTRIBUTE, required = false) String requestId) {
        return service.recommend(request, requestId)
                .thenApply(outcome -> ResponseEntity.ok()
                        .header("X-Cache", outcome.cacheHit() ? "hit" : "miss")
                        .body(outcome.response()));
    }
}
