-- Finds sessions whose key expired (their node stopped renewing them) and appends their end to the log.
-- The due set holds a deadline per session; a heartbeat only renews the key's TTL, so an entry that comes due with
-- its key still alive is filed again at the key's new deadline (the re-arm of Netty's IdleStateHandler, and the
-- timing wheel's extend). Every node runs this; ZREM makes each end happen once.
-- KEYS[1] the due set, KEYS[2] the log; ARGV: 1 the writer to name (not a node's own name: every node, the sweeper
-- too, applies the end), 2 log length cap, 3 batch, 4 session key prefix
-- Returns {ended, looked at}.
local t = redis.call('TIME')
local now = t[1] * 1000 + math.floor(t[2] / 1000)
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, tonumber(ARGV[3]))
local ended = 0
for _, sid in ipairs(due) do
  local ttl = redis.call('PTTL', ARGV[4] .. sid)
  if ttl == -2 then
    redis.call('ZREM', KEYS[1], sid)
    redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[2], '*', 'k', 'end', 'sid', sid, 'w', ARGV[1])
    ended = ended + 1
  elseif ttl == -1 then
    redis.call('ZADD', KEYS[1], now + 60000, sid)
  else
    redis.call('ZADD', KEYS[1], now + ttl, sid)
  end
end
return {ended, #due}
