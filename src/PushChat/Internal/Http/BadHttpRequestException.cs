using System;

namespace PushChat.Internal.Http;

/// <summary>A request the server refuses; carries the status code to answer with before closing.</summary>
internal sealed class BadHttpRequestException : Exception
{
    public BadHttpRequestException(int statusCode, string message)
        : base(message)
    {
        StatusCode = statusCode;
    }

    public int StatusCode { get; }
}
