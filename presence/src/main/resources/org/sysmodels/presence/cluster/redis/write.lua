-- Writes a session's record and appends it to the log, for the node that holds the session.
-- KEYS[1] the session's hash, KEYS[2] the due set (deadline ms -> session id), KEYS[3] the log stream
-- ARGV: 1 session id, 2 this node, 3 generation, 4 mode ('open': create or overwrite; 'set': only if it exists),
--       5 TTL ms, 6 log length (approximate cap), 7 user, 8 platform, 9 flags, 10 status, 11 activities, 12 at ns
-- Returns {'ok'}, {'taken', generation, node} (another node took it over: a higher generation), or {'gone'}.
local gen = tonumber(ARGV[3])
local have = redis.call('HGET', KEYS[1], 'g')
if have then
  if tonumber(have) > gen then
    return {'taken', have, redis.call('HGET', KEYS[1], 'n')}
  end
elseif ARGV[4] ~= 'open' then
  return {'gone'}
end
redis.call('HSET', KEYS[1], 'u', ARGV[7], 'p', ARGV[8], 'f', ARGV[9], 's', ARGV[10], 'a', ARGV[11], 't', ARGV[12],
  'n', ARGV[2], 'g', ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
local t = redis.call('TIME')
redis.call('ZADD', KEYS[2], t[1] * 1000 + math.floor(t[2] / 1000) + tonumber(ARGV[5]), ARGV[1])
redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[6], '*', 'k', 'up', 'sid', ARGV[1], 'w', ARGV[2], 'n', ARGV[2],
  'g', ARGV[3], 'u', ARGV[7], 'p', ARGV[8], 'f', ARGV[9], 's', ARGV[10], 'a', ARGV[11], 't', ARGV[12])
return {'ok'}
