using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PushChat.Benchmarks.Serving;

/// <summary>
/// The Kestrel baseline, written the way a typical ASP.NET Core developer writes an SSE chat:
/// minimal APIs, one unbounded <see cref="Channel{T}"/> per reader, and a write plus a flush per
/// line. Nothing here is tuned; that is the point of the comparison. Given a certificate, it is
/// served over HTTPS as the ASP.NET Core documentation configures Kestrel (<c>UseHttps</c>).
/// </summary>
internal sealed class KestrelSseChat : IServerUnderTest
{
    private readonly ConcurrentDictionary<Guid, Channel<string>> _clients = new();
    private readonly object _publishGate = new();
    private readonly X509Certificate2? _certificate;
    private WebApplication? _app;

    public KestrelSseChat(X509Certificate2? certificate = null) => _certificate = certificate;

    public long DroppedSlowReaders => 0;

    public long Connections => _clients.Count;

    public long Joined => -1;

    public async Task<int> StartAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (_certificate is not null)
            {
                listen.UseHttps(_certificate);
            }
        }));

        // The project templates log ASP.NET Core at Warning; nothing is logged per request.
        builder.Logging.ClearProviders();
        var app = builder.Build();

        app.MapGet("/", () => Results.Content(SamplePages.Login, "text/html; charset=utf-8"));
        app.MapGet("/names", () => Results.Content(SamplePages.Names, "text/html; charset=utf-8"));

        app.MapGet("/sse", async (HttpContext context, string name) =>
        {
            context.Response.Headers.ContentType = "text/event-stream";
            context.Response.Headers.CacheControl = "no-cache";
            var channel = Channel.CreateUnbounded<string>();
            var id = Guid.NewGuid();
            _clients[id] = channel;
            try
            {
                await context.Response.Body.FlushAsync(context.RequestAborted);
                await foreach (var message in channel.Reader.ReadAllAsync(context.RequestAborted))
                {
                    await context.Response.WriteAsync($"data: {message}\n\n", context.RequestAborted);
                    await context.Response.Body.FlushAsync(context.RequestAborted);
                }
            }
            catch (OperationCanceledException)
            {
            }
            finally
            {
                _clients.TryRemove(id, out _);
            }
        });

        app.MapPost("/say", async (HttpContext context) =>
        {
            var form = await context.Request.ReadFormAsync();
            var text = form["text"].ToString();

            // One post at a time, as any chat must: concurrent posts would otherwise reach
            // readers in different orders.
            lock (_publishGate)
            {
                foreach (var client in _clients.Values)
                {
                    client.Writer.TryWrite(text);
                }
            }

            return Results.NoContent();
        });

        await app.StartAsync().ConfigureAwait(false);
        _app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }
}
