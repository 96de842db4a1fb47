using System.Security.Cryptography;

namespace PushChat.Internal.Push;

/// <summary>
/// Hands out the epochs of a server's logs: a random base drawn when the server starts, plus one
/// for each log created since. Two lives of one room, or of one server, never share an epoch, and
/// every epoch stays below 2^53 so that JavaScript clients read it exactly. Not thread-safe: the
/// chat state creates logs under its lock.
/// </summary>
internal sealed class LogEpochs
{
    // 2^20 logs per server life before the next life's range could be reached: far beyond what a
    // chat creates, and a collision would need the same random base besides.
    private const int CountBits = 20;

    private readonly long _base;
    private long _count;

    public LogEpochs()
        : this(NewBase())
    {
    }

    /// <param name="serverEpoch">The server life's base; from 1 to 2^32.</param>
    public LogEpochs(long serverEpoch) => _base = serverEpoch << CountBits;

    public long Next() => _base + (++_count & ((1L << CountBits) - 1));

    private static long NewBase()
    {
        var bytes = new byte[4];
        using (var random = RandomNumberGenerator.Create())
        {
            random.GetBytes(bytes);
        }

        return (long)System.BitConverter.ToUInt32(bytes, 0) + 1;
    }
}
