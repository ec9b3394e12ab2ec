-- Sets a session's TTL (a resume, or a lost connection starting the resume window), for the node that holds it.
-- KEYS[1] the session's hash, KEYS[2] the due set; ARGV: 1 session id, 2 generation, 3 TTL ms
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
local t = redis.call('TIME')
-- LT: an earlier deadline moves the entry forward; a later one is found by the sweep when the old one comes due
redis.call('ZADD', KEYS[2], 'LT', t[1] * 1000 + math.floor(t[2] / 1000) + tonumber(ARGV[3]), ARGV[1])
return {'ok'}
