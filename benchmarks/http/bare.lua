wrk.method = "POST"
wrk.body = '{"ok":true}'
wrk.headers["Content-Type"] = "application/json"
wrk.path = "/bench/bare"
