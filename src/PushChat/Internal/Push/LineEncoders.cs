using System;
using PushChat.Localization;

namespace PushChat.Internal.Push;

/// <summary>The encoder of every transport format a server speaks.</summary>
internal sealed class LineEncoders
{
    public const int FormatCount = 3;

    private readonly ILineEncoder[] _byFormat = new ILineEncoder[FormatCount];

    public LineEncoders(ChatLanguages languages, params ILineEncoder[] encoders)
    {
        Languages = languages;
        foreach (var encoder in encoders)
        {
            _byFormat[(int)encoder.Format] = encoder;
        }
    }

    /// <summary>The languages the server speaks; every item keeps its bytes per language.</summary>
    public ChatLanguages Languages { get; }

    public byte[] Encode(LineFormat format, ChatMessage message, ChatLanguage language) => For(format).Encode(message, language);

    public byte[] EncodeRemoval(LineFormat format, ChatMessage message, ChatLanguage language) => For(format).EncodeRemoval(message, language);

    private ILineEncoder For(LineFormat format) =>
        _byFormat[(int)format] ?? throw new InvalidOperationException($"No encoder for {format}.");
}
