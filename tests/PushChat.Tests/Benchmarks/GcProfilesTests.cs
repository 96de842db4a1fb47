using PushChat.Benchmarks.Orchestration;

namespace PushChat.Tests.Benchmarks;

/// <summary>The benchmark's <c>--gc</c> profiles: the environment each one gives the server processes.</summary>
[TestClass]
public sealed class GcProfilesTests
{
    [TestMethod]
    public void Default_leaves_the_runtimeconfig_alone()
    {
        Assert.AreEqual(0, GcProfiles.Environment("default").Count);
    }

    [TestMethod]
    public void Every_named_profile_sets_the_collector_kind_itself()
    {
        foreach (var name in GcProfiles.Names.Where(n => n != "default"))
        {
            var environment = GcProfiles.Environment(name);
            Assert.IsTrue(environment.ContainsKey("DOTNET_gcServer"), name);
            Assert.IsTrue(environment.ContainsKey("DOTNET_gcConcurrent"), name);
        }
    }

    [TestMethod]
    public void Server_profiles_say_whether_DATAS_is_on()
    {
        Assert.AreEqual("0", GcProfiles.Environment("server")["DOTNET_GCDynamicAdaptationMode"]);
        Assert.AreEqual("1", GcProfiles.Environment("server-datas")["DOTNET_GCDynamicAdaptationMode"]);
        Assert.AreEqual("0", GcProfiles.Environment("workstation-nonconcurrent")["DOTNET_gcConcurrent"]);
    }

    [TestMethod]
    public void The_sample_host_profile_is_the_console_hosts_runtimeconfig()
    {
        var environment = GcProfiles.Environment("sample-host");

        Assert.AreEqual("0", environment["DOTNET_gcServer"]);
        Assert.AreEqual("1", environment["DOTNET_gcConcurrent"]);
        Assert.AreEqual("0x1000000", environment["DOTNET_GCGen0MaxBudget"]);
    }

    [TestMethod]
    public void Extra_settings_follow_the_profile_as_dotnet_variables()
    {
        var environment = GcProfiles.Environment("workstation, GCGen0MaxBudget=0x400000,GCHeapAffinitizeMask=0x1");

        Assert.AreEqual("0", environment["DOTNET_gcServer"]);
        Assert.AreEqual("0x400000", environment["DOTNET_GCGen0MaxBudget"]);
        Assert.AreEqual("0x1", environment["DOTNET_GCHeapAffinitizeMask"]);
    }

    [TestMethod]
    public void An_extra_setting_later_in_the_list_overrides_the_profile()
    {
        Assert.AreEqual("9", GcProfiles.Environment("conserve,GCConserveMemory=9")["DOTNET_GCConserveMemory"]);
    }

    [TestMethod]
    public void Unknown_profiles_and_malformed_settings_are_refused()
    {
        Assert.ThrowsExactly<ArgumentException>(() => GcProfiles.Environment("fast"));
        Assert.ThrowsExactly<ArgumentException>(() => GcProfiles.Environment("workstation,GCgen0size"));
        Assert.ThrowsExactly<ArgumentException>(() => GcProfiles.Environment("workstation,=1"));
        Assert.ThrowsExactly<ArgumentException>(() => GcProfiles.Environment(""));
    }
}
