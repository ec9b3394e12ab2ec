-- Writes the records of sessions this node holds and appends them to the log as one entry: the node sends one call
-- per turn of its presence thread carrying every change of that turn, so the log grows by one entry per turn, not
-- per change, and every node reads (and parses) the turn's changes in one go.
-- KEYS: 1..N the sessions' hashes, N+1 the due set (deadline ms -> session id), N+2 the log stream
-- ARGV: 1 this node, 2 log length (approximate cap), then 10 per session: session id, generation, mode ('open': create
--       or overwrite; 'set': only if it exists; 'state': a status change, only if it exists; 'renew': a heartbeat,
--       the TTL only), TTL ms, user, platform, flags, status, activities, at ns (the last six unused by 'renew')
-- A 'state' write to a record of the same generation sets only what a status change changes (status, activities,
-- when): user, platform, flags and holder are as its open wrote them, and its TTL and deadline stay as heartbeats
-- keep them (liveness is the heartbeat's business, as on one node), so it costs two commands, not four.
-- Returns one reply per session, in order: {'ok'}, {'taken', generation, node} (another node took it over: a higher
-- generation), or {'gone'}.
-- The log entry: k 'ups', w this node, b one line per session written ('\n' between lines), its fields separated by
-- '\t': session id, generation, user, platform, flags, status, activities (JSON: no raw tab or newline), at.
local n = #KEYS - 2
local due, log = KEYS[n + 1], KEYS[n + 2]
local t = redis.call('TIME')
local nowMs = t[1] * 1000 + math.floor(t[2] / 1000)
local out, lines = {}, {}
local function line(a)
  return ARGV[a + 1] .. '\t' .. ARGV[a + 2] .. '\t' .. ARGV[a + 5] .. '\t' .. ARGV[a + 6] .. '\t' .. ARGV[a + 7]
    .. '\t' .. ARGV[a + 8] .. '\t' .. ARGV[a + 9] .. '\t' .. ARGV[a + 10]
end
for i = 1, n do
  local a = 2 + (i - 1) * 10
  local sid, gen, mode, ttl = ARGV[a + 1], ARGV[a + 2], ARGV[a + 3], ARGV[a + 4]
  local have = mode ~= 'renew' and redis.call('HGET', KEYS[i], 'g')
  if mode == 'renew' then
    -- a heartbeat renews the key's TTL, in the batch (so it never overtakes the open of its session); no log line
    out[i] = redis.call('PEXPIRE', KEYS[i], ttl) == 1 and {'ok'} or {'gone'}
  elseif have and tonumber(have) > tonumber(gen) then
    out[i] = {'taken', have, redis.call('HGET', KEYS[i], 'n')}
  elseif not have and mode ~= 'open' then
    out[i] = {'gone'}
  elseif mode == 'state' and tonumber(have) == tonumber(gen) then
    redis.call('HSET', KEYS[i], 's', ARGV[a + 8], 'a', ARGV[a + 9], 't', ARGV[a + 10])
    lines[#lines + 1] = line(a)
    out[i] = {'ok'}
  else
    redis.call('HSET', KEYS[i], 'u', ARGV[a + 5], 'p', ARGV[a + 6], 'f', ARGV[a + 7], 's', ARGV[a + 8],
      'a', ARGV[a + 9], 't', ARGV[a + 10], 'n', ARGV[1], 'g', gen)
    redis.call('PEXPIRE', KEYS[i], ttl)
    redis.call('ZADD', due, nowMs + tonumber(ttl), sid)
    lines[#lines + 1] = line(a)
    out[i] = {'ok'}
  end
end
if #lines > 0 then
  redis.call('XADD', log, 'MAXLEN', '~', ARGV[2], '*', 'k', 'ups', 'w', ARGV[1], 'b', table.concat(lines, '\n'))
end
return out
