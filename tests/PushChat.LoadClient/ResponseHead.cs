using System.Globalization;

namespace PushChat.LoadClient;

/// <summary>The parts of an HTTP/1.1 response head the client needs.</summary>
internal sealed class ResponseHead
{
    private readonly Dictionary<string, string> _headers = new(StringComparer.OrdinalIgnoreCase);

    private ResponseHead(int status) => Status = status;

    public int Status { get; }

    public string? this[string name] => _headers.TryGetValue(name, out var value) ? value : null;

    public long ContentLength => long.TryParse(this["Content-Length"], NumberStyles.None, CultureInfo.InvariantCulture, out var length) ? length : 0;

    public bool Chunked => this["Transfer-Encoding"]?.Contains("chunked", StringComparison.OrdinalIgnoreCase) == true;

    public static ResponseHead Parse(string text)
    {
        var lines = text.Split("\r\n");
        var parts = lines[0].Split(' ', 3);
        if (parts.Length < 2 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var status))
        {
            throw new InvalidDataException("Not an HTTP response: " + lines[0]);
        }

        var head = new ResponseHead(status);
        foreach (var line in lines.AsSpan(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                head._headers[line.Substring(0, colon).Trim()] = line.Substring(colon + 1).Trim();
            }
        }

        return head;
    }
}
