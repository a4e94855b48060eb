-- wrk script for the items API: `wrk ... -s load.lua URL -- GET|POST TOKEN`.
-- POST creates items with unique names; every thread counts the statuses it sees and keeps the
-- Location of each 201, and `done` writes them all to the file named by TRAFFIC_REPORT.

local threads = {}

function setup(thread)
   thread:set("thread_number", #threads + 1)
   table.insert(threads, thread)
end

function init(args)
   method = args[1] or "GET"
   local headers = { ["Content-Type"] = "application/json" }
   if args[2] then
      headers["Authorization"] = "Bearer " .. args[2]
   end
   post_headers = headers
   created = 0
   statuses = {}
   locations = {}
end

function request()
   if method == "POST" then
      created = created + 1
      local body = string.format('{"name": "load %d-%d", "description": null}', thread_number, created)
      return wrk.format("POST", "/api/items", post_headers, body)
   end
   return wrk.format("GET", "/api/items")
end

function response(status, headers, body)
   statuses[status] = (statuses[status] or 0) + 1
   if status == 201 then
      for name, value in pairs(headers) do
         if string.lower(name) == "location" then
            locations[#locations + 1] = value
         end
      end
   end
end

function done(summary, latency, requests)
   local out = assert(io.open(os.getenv("TRAFFIC_REPORT"), "w"))
   out:write(string.format("requests %d\n", summary.requests))
   out:write(string.format("duration_us %d\n", summary.duration))
   for _, kind in ipairs({ "connect", "read", "write", "status", "timeout" }) do
      out:write(string.format("error_%s %d\n", kind, summary.errors[kind]))
   end
   for _, thread in ipairs(threads) do
      for status, count in pairs(thread:get("statuses")) do
         out:write(string.format("status_%d %d\n", status, count))
      end
      for _, location in ipairs(thread:get("locations")) do
         out:write("location " .. location .. "\n")
      end
   end
   out:close()
end
