namespace PushChat.Internal.Http;

internal enum HttpVersion
{
    Http10,
    Http11,
}
