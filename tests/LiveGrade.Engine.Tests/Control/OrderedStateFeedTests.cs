using LiveGrade.Engine.Control;
using static LiveGrade.Engine.Tests.Control.TestShows;

namespace LiveGrade.Engine.Tests.Control;

public class OrderedStateFeedTests
{
    [Fact]
    public void Changes_from_many_threads_arrive_once_each_and_in_sequence()
    {
        using var bus = new ControlBus(Initial(), journal: null);
        bus.Submit(new SetCdl("A", Cdl(1.01)), "before"); // in the snapshot, not delivered
        var seen = new List<long>();
        EngineState? last = null;
        using var feed = new OrderedStateFeed(bus, c =>
        {
            seen.Add(c.After.Sequence); // runs under the feed's lock
            last = c.After;
        });
        Assert.Equal(1, feed.Start.Sequence);

        const int threads = 8, perThread = 400;
        var outputs = new[] { "DIT", "Village", "Client" };
        var inputs = new[] { "A", "B", "C", "D" };
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            for (int i = 0; i < perThread; i++)
            {
                var r = i % 2 == 0
                    ? bus.Submit(new Route(outputs[(t + i) % 3], inputs[(t * 7 + i) % 4]), $"t{t}")
                    : bus.Submit(new SetCdl(inputs[t % 4], Cdl(1 + (t * perThread + i) * 1e-5)), $"t{t}");
                Assert.True(r.Accepted, r.Error);
            }
        });

        Assert.Equal(threads * perThread, seen.Count);
        for (int i = 0; i < seen.Count; i++)
        {
            Assert.Equal(2 + i, seen[i]);
        }
        Assert.Same(bus.State, last);
    }

    [Fact]
    public void A_failing_consumer_does_not_stop_the_feed()
    {
        using var bus = new ControlBus(Initial(), journal: null);
        int calls = 0;
        using var feed = new OrderedStateFeed(bus, _ =>
        {
            calls++;
            throw new InvalidOperationException("consumer bug");
        });
        Assert.True(bus.Submit(new Route("DIT", "B"), "x").Accepted);
        Assert.True(bus.Submit(new Route("DIT", "C"), "x").Accepted);
        Assert.Equal(2, calls);
    }
}
