using System.Diagnostics;
using System.Text;
using System.Threading.Channels;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Interop;

/// <summary>
/// A client program (node, curl) run by a test: its standard output is read line by line as it
/// comes, and the process is killed with its children when the test is done with it.
/// </summary>
public sealed class ClientProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly List<string> _seen = [];
    private readonly StringBuilder _errors = new();
    private readonly Task _reading;

    private ClientProcess(Process process)
    {
        _process = process;
        _process.ErrorDataReceived += (_, e) =>
        {
            lock (_errors)
            {
                _errors.AppendLine(e.Data);
            }
        };
        _process.BeginErrorReadLine();
        _reading = ReadOutputAsync();
    }

    /// <summary>Every line read so far, for failure messages.</summary>
    public string Transcript
    {
        get
        {
            lock (_errors)
            {
                return $"stdout:\n{string.Join("\n", _seen)}\nstderr:\n{_errors}";
            }
        }
    }

    public static ClientProcess Start(string fileName, string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return new ClientProcess(Process.Start(start) ?? throw new InvalidOperationException("could not start " + fileName));
    }

    /// <summary>Reads lines until one matches; the lines before it are returned too, oldest first, the match last.</summary>
    public async Task<List<string>> ReadUntilAsync(string what, Func<string, bool> match)
    {
        var read = new List<string>();
        using var timeout = new CancellationTokenSource(RawHttpClient.SafetyTimeout);
        try
        {
            while (await _lines.Reader.WaitToReadAsync(timeout.Token))
            {
                while (_lines.Reader.TryRead(out var line))
                {
                    read.Add(line);
                    if (match(line))
                    {
                        return read;
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"Waited for {what} in vain.\n{Transcript}");
        }

        Assert.Fail($"The client ended before {what}.\n{Transcript}");
        return read;
    }

    /// <summary>Waits until the program ends by itself and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync()
    {
        using var timeout = new CancellationTokenSource(RawHttpClient.SafetyTimeout);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"The client did not end.\n{Transcript}");
        }

        await _reading;
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        await _reading;
        _process.Dispose();
    }

    private async Task ReadOutputAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            lock (_errors)
            {
                _seen.Add(line);
            }

            _lines.Writer.TryWrite(line);
        }

        _lines.Writer.TryComplete();
    }
}
