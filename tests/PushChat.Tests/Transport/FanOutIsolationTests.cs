using PushChat.Internal.Transport;

namespace PushChat.Tests.Transport;

[TestClass]
public sealed class FanOutIsolationTests
{
    [TestMethod]
    public async Task A_reader_that_throws_costs_only_itself_the_line_and_is_told_off_the_fan_out_thread()
    {
        using var dispatcher = new OutboundDispatcher("test fan-out");
        var before = new RecordingTarget();
        var broken = new ThrowingTarget();
        var after = new RecordingTarget();
        var batch = new DrainBatch(dispatcher);

        batch.FanOut(new IFanOutTarget[] { before, broken, after }, TestLines.Line("hello"), 0);
        batch.Schedule();

        await after.WaitForLinesAsync(1);
        await before.WaitForLinesAsync(1);
        var (error, thread) = await broken.Failed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.AreEqual("broken reader", error.Message);
        Assert.AreNotEqual("test fan-out", thread, "the broken reader is closed and logged on another thread");
    }
}
