# Locust load test template (Ace). Run: locust -f locust.py --host http://localhost:3000
from locust import HttpUser, LoadTestShape, between, task


class ApiUser(HttpUser):
    wait_time = between(0.5, 1.5)

    @task(3)
    def list_items(self):
        self.client.get("/api/endpoint", name="GET /api/endpoint")

    @task(1)
    def get_item(self):
        self.client.get("/api/endpoint/1", name="GET /api/endpoint/:id")


class Stages(LoadTestShape):
    # (end time in s, users, spawn rate): ramp, steady, stress, ramp down
    stages = [(120, 100, 10), (420, 100, 10), (540, 500, 50), (840, 500, 50), (960, 0, 50)]

    def tick(self):
        run_time = self.get_run_time()
        for end, users, rate in self.stages:
            if run_time < end:
                return users, rate
        return None
