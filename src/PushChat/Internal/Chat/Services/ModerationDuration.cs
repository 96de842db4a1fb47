using System;

namespace PushChat.Internal.Chat.Services;

/// <summary>How long a ban or mute lasts, as typed: a number and s, m, h or d (30s, 10m, 2h, 1d).</summary>
internal static class ModerationDuration
{
    /// <summary>A ban without a duration lasts a day: long enough to end an attack, short enough to forgive a mistake.</summary>
    public static readonly TimeSpan DefaultBan = TimeSpan.FromDays(1);

    /// <summary>A mute without a duration lasts ten minutes: a cooling-off, not a punishment.</summary>
    public static readonly TimeSpan DefaultMute = TimeSpan.FromMinutes(10);

    /// <summary>The duration in <paramref name="text"/>, or null when it is not one.</summary>
    public static TimeSpan? Parse(string text)
    {
        var digits = text.Length - 1;
        if (digits < 1 || digits > 4)
        {
            return null;
        }

        var count = 0;
        for (var i = 0; i < digits; i++)
        {
            if (text[i] is < '0' or > '9')
            {
                return null;
            }

            count = (count * 10) + (text[i] - '0');
        }

        if (count == 0)
        {
            return null;
        }

        return char.ToLowerInvariant(text[text.Length - 1]) switch
        {
            's' => TimeSpan.FromSeconds(count),
            'm' => TimeSpan.FromMinutes(count),
            'h' => TimeSpan.FromHours(count),
            'd' => TimeSpan.FromDays(count),
            _ => null,
        };
    }
}
