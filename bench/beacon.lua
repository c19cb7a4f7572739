-- wrk: POST insight beacons as a page would, each from a different visitor address
-- (X-Forwarded-For, read because the server trusts one proxy, as behind nginx).
wrk.method = "POST"
wrk.headers["Content-Type"] = "text/plain;charset=UTF-8"
wrk.headers["User-Agent"] = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36"
wrk.body = '{"p":"/","t":"home.HomePage","r":"www.google.com","e":[["view"]],"v":{"lcp":1830,"inp":120,"cls":0.02}}'
local counter = 0
request = function()
  counter = counter + 1
  wrk.headers["X-Forwarded-For"] = string.format("10.%d.%d.%d", math.random(0, 255), math.random(0, 255), counter % 256)
  return wrk.format(nil, "/insights/beacon/")
end
