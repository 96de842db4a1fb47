using System;
using System.Text;
using Microsoft.Extensions.Logging;
using PushChat.Internal.Infrastructure;
using PushChat.Localization;
using PushChat.Rendering;

namespace PushChat.Internal.Push;

/// <summary>The chat frame's HTML fragment of a line or of its deletion, from the page renderer.</summary>
internal sealed class HtmlLineEncoder : ILineEncoder
{
    private readonly IPageRenderer _renderer;
    private readonly ILogger _logger;

    public HtmlLineEncoder(IPageRenderer renderer, ILogger logger)
    {
        _renderer = renderer;
        _logger = logger;
    }

    public LineFormat Format => LineFormat.Html;

    public byte[] Encode(ChatMessage message, ChatLanguage language)
    {
        string html;
        try
        {
            html = _renderer.RenderLine(message, language) ?? throw new InvalidOperationException("The page renderer returned no HTML for a line.");
        }
#pragma warning disable CA1031 // A broken custom renderer must not lose the line.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.RendererFailed(_logger, ex);
            html = "<p>" + Html.Encode(message.Sender is null ? message.Text : message.Sender + ": " + message.Text) + "</p>\n";
        }

        return Encoding.UTF8.GetBytes(html);
    }

    public byte[] EncodeRemoval(ChatMessage message, ChatLanguage language)
    {
        string html;
        try
        {
            html = _renderer.RenderLineDeleted(message) ?? throw new InvalidOperationException("The page renderer returned no HTML for a deleted line.");
        }
#pragma warning disable CA1031 // A broken custom renderer must not leave a deleted line on screen.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.RendererFailed(_logger, ex);
            html = DefaultPageRenderer.HiddenLineLink(message);
        }

        return Encoding.UTF8.GetBytes(html);
    }
}
