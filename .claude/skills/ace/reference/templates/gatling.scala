// Gatling load test template (Ace), Scala DSL.
import io.gatling.core.Predef._
import io.gatling.http.Predef._
import scala.concurrent.duration._

class ApiSimulation extends Simulation {
  val httpProtocol = http.baseUrl(sys.env.getOrElse("BASE_URL", "http://localhost:3000"))

  val scn = scenario("api")
    .exec(http("GET /api/endpoint").get("/api/endpoint").check(status.is(200)))
    .pause(1)

  setUp(
    scn.inject(
      rampConcurrentUsers(0).to(100).during(2.minutes),
      constantConcurrentUsers(100).during(5.minutes),
      rampConcurrentUsers(100).to(500).during(2.minutes),
      constantConcurrentUsers(500).during(5.minutes)
    )
  ).protocols(httpProtocol)
    .assertions(
      global.responseTime.percentile(95).lt(200),
      global.responseTime.percentile(99).lt(500),
      global.failedRequests.percent.lt(1)
    )
}
