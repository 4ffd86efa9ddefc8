local data = dofile(os.getenv("BENCH_DATA"))
wrk.method = "POST"
wrk.path = "/api/v1/loads"
wrk.body = data.load_body
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. data.shipper
