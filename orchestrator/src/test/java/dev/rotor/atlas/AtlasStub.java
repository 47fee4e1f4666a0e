package dev.rotor.atlas;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * A fake Atlas for MockWebServer: answers the token endpoint with fresh tokens ({@code tok-1},
 * {@code tok-2}, ...) unless told otherwise, the revoke endpoint with 200, and API calls from a
 * queue (404 when empty). Records every request by kind.
 */
final class AtlasStub extends Dispatcher {
  final Queue<MockResponse> tokenAnswers = new ConcurrentLinkedQueue<>();
  final Queue<MockResponse> apiAnswers = new ConcurrentLinkedQueue<>();
  final List<RecordedRequest> tokenRequests = new CopyOnWriteArrayList<>();
  final List<RecordedRequest> revokeRequests = new CopyOnWriteArrayList<>();
  final List<RecordedRequest> apiRequests = new CopyOnWriteArrayList<>();
  private final AtomicInteger issued = new AtomicInteger();
  volatile int expiresIn = 3600;
  volatile MockResponse revokeAnswer = new MockResponse.Builder().code(200).build();

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String path = request.getUrl().encodedPath();
    if (path.equals("/api/oauth/token")) {
      tokenRequests.add(request);
      MockResponse answer = tokenAnswers.poll();
      return answer != null ? answer : token("tok-" + issued.incrementAndGet(), expiresIn);
    }
    if (path.equals("/api/oauth/revoke")) {
      revokeRequests.add(request);
      return revokeAnswer;
    }
    apiRequests.add(request);
    MockResponse answer = apiAnswers.poll();
    return answer != null ? answer : json(404, error(404, "RESOURCE_NOT_FOUND", "no stub"));
  }

  AtlasStub api(MockResponse... answers) {
    apiAnswers.addAll(List.of(answers));
    return this;
  }

  static MockResponse token(String value, int expiresIn) {
    return json(
        200,
        "{\"access_token\":\""
            + value
            + "\",\"token_type\":\"Bearer\",\"expires_in\":"
            + expiresIn
            + "}");
  }

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder()
        .code(code)
        .setHeader("Content-Type", "application/json")
        .body(body)
        .build();
  }

  static MockResponse noContent() {
    return new MockResponse.Builder()
        .code(204)
        .setHeader("RateLimit-Limit", "300")
        .setHeader("RateLimit-Remaining", "299")
        .build();
  }

  static String error(int status, String code, String detail) {
    return "{\"error\":"
        + status
        + ",\"errorCode\":\""
        + code
        + "\",\"detail\":\""
        + detail
        + "\",\"reason\":\"Reason\"}";
  }

  static String page(List<String> results) {
    return "{\"links\":[],\"results\":["
        + String.join(",", results)
        + "],\"totalCount\":"
        + results.size()
        + "}";
  }
}
