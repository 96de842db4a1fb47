using PushChat.Benchmarks.Orchestration;
using PushChat.Benchmarks.Serving;

// One program, two roles: with --serve it is the server process of one server under test;
// otherwise it orchestrates a scenario, starting server and client processes itself.
return args.Contains("--serve")
    ? await ServerProcess.RunAsync(args).ConfigureAwait(false)
    : await Orchestrator.RunAsync(args).ConfigureAwait(false);
