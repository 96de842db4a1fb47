namespace PushChat.LoadClient;

/// <summary>
/// Keeps several client processes of one run in step: at each named point a process says
/// <c>READY name</c> on its output and waits for <c>GO name</c> on its input, which the
/// orchestrator sends once every process is ready. A client run on its own never waits.
/// </summary>
internal sealed class Coordination
{
    private readonly bool _coordinated;

    public Coordination(bool coordinated) => _coordinated = coordinated;

    public void Barrier(string name)
    {
        if (!_coordinated)
        {
            return;
        }

        Console.WriteLine("READY " + name);
        while (Console.In.ReadLine() is { } line)
        {
            if (line == "GO " + name)
            {
                return;
            }
        }

        throw new InvalidOperationException($"The orchestrator's input ended before {name}.");
    }
}
