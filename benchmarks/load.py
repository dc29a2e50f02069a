"""A small HTTP load client: many simultaneous clients, each sending its own requests.

Standard library only, so that the figures do not depend on a load tool being installed.
"""

import http.client
import statistics
import threading
import time
from dataclasses import dataclass, field


@dataclass
class Request:
    path: str
    body: bytes
    headers: dict
    method: str = "POST"


@dataclass
class Result:
    label: str
    latencies: list = field(default_factory=list)
    statuses: dict = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def count(self):
        return len(self.latencies)

    @property
    def rate(self):
        return self.count / self.seconds if self.seconds else 0.0

    def percentile(self, p):
        if len(self.latencies) < 2:
            return self.latencies[0] if self.latencies else 0.0
        return statistics.quantiles(self.latencies, n=100, method="inclusive")[p - 1]

    def row(self):
        return (
            f"{self.label:<28} {self.count:>6} {self.rate:>9.0f} "
            f"{self.percentile(50) * 1000:>8.1f} {self.percentile(90) * 1000:>8.1f} {self.percentile(99) * 1000:>8.1f} "
            f"{max(self.latencies) * 1000:>8.1f}   {dict(sorted(self.statuses.items()))}"
        )


HEADER = f"{'':<28} {'reqs':>6} {'req/s':>9} {'p50 ms':>8} {'p90 ms':>8} {'p99 ms':>8} {'max ms':>8}   statuses"


def run(label, host, port, clients, *, timeout=30):
    """Each client is a list of Requests sent one after another; all clients start together."""
    result = Result(label)
    lock = threading.Lock()
    barrier = threading.Barrier(len(clients) + 1)

    def worker(requests):
        barrier.wait()
        for request in requests:
            started = time.perf_counter()
            connection = http.client.HTTPConnection(host, port, timeout=timeout)
            try:
                connection.request(request.method, request.path, body=request.body, headers=request.headers)
                response = connection.getresponse()
                response.read()
                status = response.status
            except OSError as exc:
                status = type(exc).__name__
            finally:
                connection.close()
            elapsed = time.perf_counter() - started
            with lock:
                result.latencies.append(elapsed)
                result.statuses[status] = result.statuses.get(status, 0) + 1

    threads = [threading.Thread(target=worker, args=(requests,)) for requests in clients]
    for thread in threads:
        thread.start()
    barrier.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    result.seconds = time.perf_counter() - started
    return result
