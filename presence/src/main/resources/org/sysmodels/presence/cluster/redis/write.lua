-- Writes the records of sessions this node holds and appends them to the log as one entry: the node sends one call
-- per linger carrying every change since the last, so the log grows by one entry per call, not per change, and every
-- node reads (and decodes) the call's changes in one go.
-- KEYS: 1..N the sessions' hashes, N+1 the due set (deadline ms -> session id), N+2 the log stream
-- ARGV: 1 this node, 2 log length (approximate cap), 3 the session keys' prefix (the rest is the id), then 5 per session: mode ('open': create or overwrite; 'set':
--       only if it exists; 'state': a status change, only if it exists; 'renew': a heartbeat, the TTL only),
--       generation, TTL ms, head, state (the last two binary, StateBytes.java's layout, empty for 'renew')
-- A 'state' write to a record of the same generation sets only the state (field r): holder and generation are as its
-- open wrote them, and its TTL and deadline stay as heartbeats keep them (liveness is the heartbeat's business, as on
-- one node), so it costs two commands, not four.
-- Returns what was not written, flat: per such session its index, then 'taken', generation, node (another node took
-- it over: a higher generation), 'gone' (no record) or 'foreign', type (its key is not a hash); an empty list when
-- every write went through.
-- The log entry: k 'batch', w this node, b the head and state of every session written, in order (the script does
-- not look inside them).
local n = #KEYS - 2
local due, log = KEYS[n + 1], KEYS[n + 2]
local nowMs
local out, parts = {}, {}
local np = 0
for i = 1, n do
  local a = 3 + (i - 1) * 5
  local mode, gen, ttl = ARGV[a + 1], ARGV[a + 2], ARGV[a + 3]
  local have
  if mode ~= 'renew' then
    have = redis.pcall('HGET', KEYS[i], 'g')
    if type(have) == 'table' and have.err then
      -- not a hash: another program's key; named, left alone, and the other sessions written
      out[#out + 1] = i
      out[#out + 1] = 'foreign'
      out[#out + 1] = redis.call('TYPE', KEYS[i]).ok
      mode = 'skip'
    end
  end
  if mode == 'skip' then
    -- answered above
  elseif mode == 'state' and have == gen then
    -- the common case: a status change of the generation this node holds (both are decimal strings as Redis and
    -- Long.toString write them, so equal strings are equal numbers; anything else takes the general path below)
    redis.call('HSET', KEYS[i], 'r', ARGV[a + 5])
    parts[np + 1] = ARGV[a + 4]
    parts[np + 2] = ARGV[a + 5]
    np = np + 2
  elseif mode == 'renew' then
    -- a heartbeat renews the key's TTL, in the batch (so it never overtakes the open of its session); no log line
    if redis.call('PEXPIRE', KEYS[i], ttl) == 0 then
      out[#out + 1] = i
      out[#out + 1] = 'gone'
    end
  else
    if have and tonumber(have) > tonumber(gen) then
      out[#out + 1] = i
      out[#out + 1] = 'taken'
      out[#out + 1] = have
      out[#out + 1] = redis.call('HGET', KEYS[i], 'n')
    elseif not have and mode ~= 'open' then
      out[#out + 1] = i
      out[#out + 1] = 'gone'
    else
      if mode == 'state' and tonumber(have) == tonumber(gen) then
        redis.call('HSET', KEYS[i], 'r', ARGV[a + 5])
      else
        if not nowMs then
          local t = redis.call('TIME')
          nowMs = t[1] * 1000 + math.floor(t[2] / 1000)
        end
        redis.call('HSET', KEYS[i], 'r', ARGV[a + 5], 'n', ARGV[1], 'g', gen)
        redis.call('PEXPIRE', KEYS[i], ttl)
        redis.call('ZADD', due, nowMs + tonumber(ttl), string.sub(KEYS[i], #ARGV[3] + 1))
      end
      parts[np + 1] = ARGV[a + 4]
      parts[np + 2] = ARGV[a + 5]
      np = np + 2
    end
  end
end
if np > 0 then
  redis.call('XADD', log, 'MAXLEN', '~', ARGV[2], '*', 'k', 'batch', 'w', ARGV[1], 'b', table.concat(parts))
end
return out
