using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using PushChat.Internal.Http;

namespace PushChat.Tests.Http;

/// <summary>Calls the parser the way one connection does, across the reads of its requests.</summary>
internal sealed class ConnectionParser
{
    private readonly HttpRequestParser _parser;
    private HttpRequestScan _scan;

    public ConnectionParser(ChatServerLimits? limits = null) => _parser = ParserHarness.Parser(limits);

    public bool TryParse(in ReadOnlySequence<byte> buffer, [NotNullWhen(true)] out HttpRequest? request, out SequencePosition consumed) =>
        _parser.TryParse(buffer, ref _scan, out request, out consumed);
}
