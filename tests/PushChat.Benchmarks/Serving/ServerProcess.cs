namespace PushChat.Benchmarks.Serving;

/// <summary>
/// The server process: hosts one server under test and its control port, prints
/// <c>READY httpPort controlPort</c>, and runs until its standard input closes or reads "quit".
/// </summary>
internal static class ServerProcess
{
    public static async Task<int> RunAsync(string[] args)
    {
        var settings = ServerSettings.Parse(args);
        GcDescription.Print();
        await using IServerUnderTest server = settings.Kind switch
        {
            // One PushChat server serves every transport; the name says which one its readers use.
            var kind when ServerKinds.IsPushChat(kind) => new PushChatServer(settings),
            "raw" => new RawCeilingServer(settings),
            var kind when ServerKinds.IsSameBytesCeiling(kind) => new RawCeilingServer(settings),
            "kestrel" => new KestrelSseChat(),
            "kestrel-tls" => new KestrelSseChat(BenchCertificate.Load(settings.CertificatePath ?? throw new ArgumentException("kestrel-tls needs --certificate."))),
            _ => throw ServerKinds.Unknown(settings.Kind),
        };

        var port = await server.StartAsync().ConfigureAwait(false);
        using var control = new ControlPort(server);
        Console.WriteLine($"READY {port} {control.Port}");
        while (await Console.In.ReadLineAsync().ConfigureAwait(false) is { } line && line != "quit")
        {
        }

        return 0;
    }
}
