-- Ends a session and appends the end to the log, exactly once: whoever removes it from the due set tells the log.
-- KEYS[1] the session's hash, KEYS[2] the due set, KEYS[3] the log
-- ARGV: 1 session id, 2 this node, 3 generation, 4 log length cap
-- Returns 1 if this call ended it, 0 if it had ended already, another node holds it now, or its key is not a hash
-- (another program's: left alone).
local have = redis.pcall('HGET', KEYS[1], 'g')
if type(have) == 'table' and have.err then
  return 0
end
if have and tonumber(have) ~= tonumber(ARGV[3]) then
  return 0
end
local listed = redis.call('ZREM', KEYS[2], ARGV[1])
if listed == 0 and not have then
  return 0
end
redis.call('DEL', KEYS[1])
redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[4], '*', 'k', 'end', 'sid', ARGV[1], 'w', ARGV[2])
return 1
