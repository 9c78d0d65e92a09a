using StackExchange.Redis;

namespace RomApi.Gateway.Limits;

/// <summary>
/// One call of the Lua script that checks and counts several counters in Redis atomically, in one round trip: the keys and
/// arguments, set per counter, and the reading of its answer.
/// </summary>
public readonly struct CounterScript
{
    // ARGV[1] = 1 to check without counting this request; then per key: limit, window in ms, hits counted elsewhere to add first.
    // Returns {index of the first full counter or 0, count1, pttl1, count2, pttl2, ...}. This request counts nowhere when a counter
    // is full (the hits added first always count: they were let through already).
    private const string Script = """
        local n = #KEYS
        local out = {0}
        for i = 1, n do
          local limit = tonumber(ARGV[3 * i - 1])
          local window = tonumber(ARGV[3 * i])
          local added = tonumber(ARGV[3 * i + 1])
          local count
          if added > 0 then
            count = redis.call('INCRBY', KEYS[i], added)
          else
            count = tonumber(redis.call('GET', KEYS[i]) or '0')
          end
          local ttl = redis.call('PTTL', KEYS[i])
          if added > 0 and ttl < 0 then
            ttl = window
            redis.call('PEXPIRE', KEYS[i], ttl)
          end
          out[2 * i] = count
          out[2 * i + 1] = ttl
          if out[1] == 0 and count >= limit then
            out[1] = i
          end
        end
        if out[1] ~= 0 or ARGV[1] == '1' then
          return out
        end
        for i = 1, n do
          local count = redis.call('INCR', KEYS[i])
          local ttl = redis.call('PTTL', KEYS[i])
          if ttl < 0 then
            ttl = tonumber(ARGV[3 * i])
            redis.call('PEXPIRE', KEYS[i], ttl)
          end
          out[2 * i] = count
          out[2 * i + 1] = ttl
        end
        return out
        """;

    private readonly RedisKey[] _keys;
    private readonly RedisValue[] _values;

    /// <param name="checkOnly">Check without counting this request (the hits added first still count).</param>
    public CounterScript(int counters, bool checkOnly)
    {
        _keys = new RedisKey[counters];
        _values = new RedisValue[counters * 3 + 1];
        _values[0] = checkOnly ? 1 : 0;
    }

    /// <summary>Counter <paramref name="index"/>: its key, limit and window, and <paramref name="added"/> hits counted elsewhere to add first.</summary>
    public void Set(int index, string key, long limit, TimeSpan window, long added)
    {
        _keys[index] = key;
        _values[3 * index + 1] = limit;
        _values[3 * index + 2] = (long)window.TotalMilliseconds;
        _values[3 * index + 3] = added;
    }

    public async Task<RedisResult[]> EvaluateAsync(IConnectionMultiplexer redis, TimeSpan timeout) =>
        (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(Script, _keys, _values).WaitAsync(timeout))!;

    /// <summary>The 1-based index of the first full counter, or 0 when the request passed.</summary>
    public static int Rejected(RedisResult[] answer) => (int)answer[0];

    /// <summary>Counter <paramref name="index"/>'s count and the time until its window ends (the whole window when Redis has no expiry).</summary>
    public static (long Count, TimeSpan ResetsIn) Read(RedisResult[] answer, int index, TimeSpan window)
    {
        var ttl = (long)answer[2 * index + 2];
        return ((long)answer[2 * index + 1], ttl > 0 ? TimeSpan.FromMilliseconds(ttl) : window);
    }
}
