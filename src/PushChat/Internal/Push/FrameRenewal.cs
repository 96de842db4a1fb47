using System;
using System.Text;
using PushChat.Localization;
using PushChat.Localization.Keys;
using PushChat.Rendering;

namespace PushChat.Internal.Push;

/// <summary>
/// How a classic chat frame renews its document: after <see cref="AfterLines"/> lines it ends with
/// a refresh to its own address plus the position it reached (<c>after=</c>), and the new document
/// goes on from there with no line lost or repeated. A <c>meta</c> refresh, so it needs no script
/// and passes the strict Content-Security-Policy.
/// </summary>
internal sealed class FrameRenewal
{
    private readonly string _address;
    private readonly Func<LocalText, ReadOnlyMemory<byte>> _notice;

    /// <param name="afterLines">Lines a document shows before it renews.</param>
    /// <param name="address">The frame's address with its session, to which <c>&amp;after=</c> and the cursor are added.</param>
    /// <param name="notice">Draws a notice line of the frame.</param>
    public FrameRenewal(int afterLines, string address, Func<LocalText, ReadOnlyMemory<byte>> notice)
    {
        AfterLines = afterLines;
        _address = address;
        _notice = notice;
    }

    public int AfterLines { get; }

    /// <summary>
    /// What a renewed document shows when the log moved on too far while it reloaded: how many
    /// lines it cannot show, so that nothing is lost without a word.
    /// </summary>
    public ReadOnlyMemory<byte> Missed(LogMiss miss) => _notice(miss.Reset
        ? LocalText.Of(NoticeTexts.FrameReset)
        : LocalText.Of(NoticeTexts.FrameMissed, ("count", miss.Count)));

    /// <summary>The document's last fragment: a refresh to the frame resumed from <paramref name="cursor"/>.</summary>
    public ReadOnlyMemory<byte> Fragment(StreamCursor cursor) =>
        Encoding.UTF8.GetBytes($"<meta http-equiv=\"refresh\" content=\"0; url={Html.Encode(_address + "&after=" + PositionText.Format(cursor))}\">\n");
}
