-- Moves a session to the node its client resumed on: a new generation, this node as holder, a live TTL; the log
-- tells the old holder, which closes its connection and forgets the session.
-- KEYS[1] the session's hash, KEYS[2] the due set, KEYS[3] the log
-- ARGV: 1 session id, 2 this node, 3 user (the resuming token's), 4 TTL ms, 5 log length cap
-- Returns the record as a flat field/value list (n, g, r, and q and u when the old holder recorded what it had sent
-- before it lost the connection: touch.lua; the new holder starts without them), or an empty list if there is no
-- such session of that user (the user is the state's first field: StateBytes.java), or if the key is not such a
-- record (not a hash, a state too short to hold a user, a generation that is not a number: another program's or
-- version's, left alone).
local r = redis.pcall('HGET', KEYS[1], 'r')
if type(r) == 'table' or not r or #r < 4 or struct.unpack('>i4', r) ~= tonumber(ARGV[3])
    or not tonumber(redis.call('HGET', KEYS[1], 'g')) then
  return {}
end
local q = redis.call('HGET', KEYS[1], 'q')
local u = redis.call('HGET', KEYS[1], 'u')
redis.call('HDEL', KEYS[1], 'q', 'u')
local g = redis.call('HINCRBY', KEYS[1], 'g', 1)
redis.call('HSET', KEYS[1], 'n', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
local t = redis.call('TIME')
redis.call('ZADD', KEYS[2], t[1] * 1000 + math.floor(t[2] / 1000) + tonumber(ARGV[4]), ARGV[1])
redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[5], '*', 'k', 'up', 'sid', ARGV[1], 'w', ARGV[2], 'n', ARGV[2],
  'g', g, 'r', r)
if q and u then
  return {'n', ARGV[2], 'g', tostring(g), 'r', r, 'q', q, 'u', u}
end
return {'n', ARGV[2], 'g', tostring(g), 'r', r}
