using System.Diagnostics.Metrics;
using PushChat.Tests.Infrastructure;

namespace PushChat.Tests.Engine;

[TestClass]
public sealed class MetricsTests
{
    [TestMethod]
    public async Task Two_servers_in_one_process_keep_their_counts_apart()
    {
        using var factoryA = new TestMeterFactory();
        using var factoryB = new TestMeterFactory();
        await using var a = await ChatTestServer.StartAsync(meterFactory: factoryA);
        await using var b = await ChatTestServer.StartAsync(meterFactory: factoryB);
        var posted = new Dictionary<Meter, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "pushchat.lines_posted")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            lock (posted)
            {
                posted[instrument.Meter] = posted.GetValueOrDefault(instrument.Meter) + value;
            }
        });
        listener.Start();

        a.Server.PostNotice("one");
        a.Server.PostNotice("two");
        b.Server.PostNotice("three");

        lock (posted)
        {
            Assert.AreEqual(2, posted[factoryA.Meters.Single()]);
            Assert.AreEqual(1, posted[factoryB.Meters.Single()]);
        }
    }

    [TestMethod]
    public async Task Two_servers_sharing_a_factory_that_caches_meters_keep_their_counts_apart()
    {
        using var factory = new TestMeterFactory();
        await using var a = await ChatTestServer.StartAsync(meterFactory: factory);
        await using var b = await ChatTestServer.StartAsync(meterFactory: factory);
        var posted = new Dictionary<Meter, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == factory && instrument.Name == "pushchat.lines_posted")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            lock (posted)
            {
                posted[instrument.Meter] = posted.GetValueOrDefault(instrument.Meter) + value;
            }
        });
        listener.Start();

        a.Server.PostNotice("one");
        a.Server.PostNotice("two");
        b.Server.PostNotice("three");

        lock (posted)
        {
            CollectionAssert.AreEquivalent(new long[] { 2, 1 }, posted.Values.ToArray());
        }
    }
}
