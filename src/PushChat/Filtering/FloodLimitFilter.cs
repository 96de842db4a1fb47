using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using PushChat.Localization.Keys;

namespace PushChat.Filtering;

/// <summary>
/// Rejects a user's message when they already posted <see cref="MaxMessages"/> within
/// <see cref="Window"/>, with 429 (Too Many Requests). On by default; admins are exempt.
/// </summary>
public sealed class FloodLimitFilter : IMessageFilter
{
    private const int PruneThreshold = 1024;

    /// <summary>RFC 6585 §4: the user sent too many requests in a given amount of time.</summary>
    private const int TooManyRequests = 429;

    private readonly ConcurrentDictionary<string, SlidingCount> _recent = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates the filter.</summary>
    /// <param name="maxMessages">Most messages per user within the window. Default 5.</param>
    /// <param name="window">The length of the window. Default 5 seconds.</param>
    public FloodLimitFilter(int maxMessages = 5, TimeSpan? window = null)
    {
        if (maxMessages < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxMessages), "At least one message must be allowed.");
        }

        MaxMessages = maxMessages;
        Window = window ?? TimeSpan.FromSeconds(5);
        if (Window <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(window), "The window must be positive.");
        }
    }

    /// <summary>Most messages per user within <see cref="Window"/>.</summary>
    public int MaxMessages { get; }

    /// <summary>The length of the sliding window.</summary>
    public TimeSpan Window { get; }

    /// <inheritdoc />
    public ValueTask<MessageFilterResult> FilterAsync(MessageFilterContext context, CancellationToken cancellationToken)
    {
        if (context is null)
        {
            throw new ArgumentNullException(nameof(context));
        }

        if (context.Role == ChatRole.Admin)
        {
            return new(MessageFilterResult.Allow());
        }

        if (_recent.Count > PruneThreshold)
        {
            Prune(context.Time);
        }

        var count = _recent.GetOrAdd(context.UserName, _ => new SlidingCount(MaxMessages));
        return new(count.TryAdd(context.Time, Window)
            ? MessageFilterResult.Allow()
            : MessageFilterResult.Reject(context.Language.Format(ServiceTexts.PostingTooFast), TooManyRequests));
    }

    /// <summary>Forgets users whose last message is older than the window, so the table stays small.</summary>
    private void Prune(DateTimeOffset now)
    {
        foreach (var entry in _recent)
        {
            if (entry.Value.IsQuietSince(now, Window))
            {
                _recent.TryRemove(entry.Key, out _);
            }
        }
    }

    /// <summary>The times of a user's last few messages, in a ring.</summary>
    private sealed class SlidingCount
    {
        private readonly DateTimeOffset[] _times;
        private int _next;

        public SlidingCount(int capacity) => _times = new DateTimeOffset[capacity];

        public bool IsQuietSince(DateTimeOffset now, TimeSpan window)
        {
            lock (_times)
            {
                var newest = _times[(_next - 1 + _times.Length) % _times.Length];
                return now - newest >= window;
            }
        }

        public bool TryAdd(DateTimeOffset now, TimeSpan window)
        {
            lock (_times)
            {
                // The slot to overwrite holds the oldest of the last N messages.
                if (_times[_next] != default && now - _times[_next] < window)
                {
                    return false;
                }

                _times[_next] = now;
                _next = (_next + 1) % _times.Length;
                return true;
            }
        }
    }
}
