-- Sets a session's TTL (a resume, or a lost connection starting the resume window), for the node that holds it.
-- KEYS[1] the session's hash, KEYS[2] the due set; ARGV: 1 session id, 2 generation, 3 TTL ms, 4 'lost' or 'live',
-- after 'lost' 5 and 6: the last sequence number the node sent and the lowest a Resume may name (kept as q and u for
-- a node the client resumes on); 'live' forgets them (they held for the connection that was lost).
-- Returns {'ok'}, {'taken', generation, node}, {'gone'} or {'foreign', type} (not a hash: left alone).
local have = redis.pcall('HGET', KEYS[1], 'g')
if type(have) == 'table' and have.err then
  return {'foreign', redis.call('TYPE', KEYS[1]).ok}
end
if not have then
  return {'gone'}
end
if tonumber(have) > tonumber(ARGV[2]) then
  return {'taken', have, redis.call('HGET', KEYS[1], 'n')}
end
redis.call('PEXPIRE', KEYS[1], ARGV[3])
if ARGV[4] == 'lost' then
  redis.call('HSET', KEYS[1], 'q', ARGV[5], 'u', ARGV[6])
elseif ARGV[4] == 'live' then
  redis.call('HDEL', KEYS[1], 'q', 'u')
end
local t = redis.call('TIME')
-- LT: an earlier deadline moves the entry forward; a later one is found by the sweep when the old one comes due
redis.call('ZADD', KEYS[2], 'LT', t[1] * 1000 + math.floor(t[2] / 1000) + tonumber(ARGV[3]), ARGV[1])
return {'ok'}
