# Locust user for the fixture service (test/fixtures/loadtests/server.mjs).
from locust import HttpUser, task, between


class ApiUser(HttpUser):
    wait_time = between(0.01, 0.05)

    @task(5)
    def fast(self):
        self.client.get("/fast")

    @task(2)
    def slow(self):
        self.client.get("/slow")

    @task(3)
    def items(self):
        self.client.get("/items")
