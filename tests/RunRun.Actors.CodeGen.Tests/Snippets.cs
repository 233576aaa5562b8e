namespace RunRun.Actors.CodeGen.Tests;

/// <summary>Source snippets the generator is run over.</summary>
internal static class Snippets
{
    public const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Logging;
        using RunRun.Actors;
        using RunRun.Actors.Concurrency;
        using RunRun.Actors.Reminders;
        using RunRun.Actors.Runtime;

        """;

    /// <summary>Every supported method shape, an inherited interface, a nested one and a grain class using each kind of constructor argument.</summary>
    public const string Shop = Usings + """
        namespace Shop.Grains;

        public sealed record Item(string Sku, int Quantity);

        public sealed class CartState
        {
            public List<Item> Items { get; } = [];
        }

        public interface IClock
        {
            DateTimeOffset Now { get; }
        }

        public interface IBase : IGrainWithStringKey
        {
            Task Ping();

            Task<string?> Describe(string prefix);

            Task Total(string sku);
        }

        public interface ICart : IBase
        {
            Task Add(Item item);

            Task<int> Count();

            ValueTask Clear();

            ValueTask<IReadOnlyList<Item>> Items(int skip, int take);

            Task<int> Total(string sku, int max);

            [OneWay]
            Task Touch();

            [ReadOnly]
            Task<bool> Contains(string sku);

            [AlwaysInterleave, ReadOnly]
            ValueTask<int> Peek();

            Task Rename(string @class, string? @event, params string[] tags);

            Task<(int Count, string Name)> Summary(Guid id, DateTimeOffset at, decimal amount);

            Task @default(int @int);
        }

        public static class Outer
        {
            public interface INested : IGrainWithIntegerKey
            {
                Task<long> Next(long by);
            }
        }

        public interface IReminderUser : IGrainWithGuidKey, IRemindable
        {
            Task Start();
        }

        public sealed class CartGrain : Grain, ICart, Outer.INested, IReminderUser
        {
            public CartGrain()
            {
            }

            public CartGrain(
                [PersistentState("cart", "store")] IPersistentState<CartState> cart,
                [PersistentState("audit")] IPersistentState<List<string>?> audit,
                IGrainContext context,
                [FromKeyedServices("fast")] IClock fastClock,
                ILogger<CartGrain> logger,
                IClock? optionalClock = null,
                string name = "cart",
                int limit = 10,
                int? maybe = null,
                DayOfWeek day = DayOfWeek.Friday,
                double ratio = 0.5)
            {
            }

            public Task Ping() => Task.CompletedTask;

            public Task<string?> Describe(string prefix) => Task.FromResult<string?>(prefix);

            public Task Total(string sku) => Task.CompletedTask;

            public Task Add(Item item) => Task.CompletedTask;

            public Task<int> Count() => Task.FromResult(0);

            public ValueTask Clear() => default;

            public ValueTask<IReadOnlyList<Item>> Items(int skip, int take) => new([]);

            public Task<int> Total(string sku, int max) => Task.FromResult(max);

            public Task Touch() => Task.CompletedTask;

            public Task<bool> Contains(string sku) => Task.FromResult(false);

            public ValueTask<int> Peek() => new(0);

            public Task Rename(string @class, string? @event, params string[] tags) => Task.CompletedTask;

            public Task<(int Count, string Name)> Summary(Guid id, DateTimeOffset at, decimal amount) => Task.FromResult((1, "x"));

            public Task @default(int @int) => Task.CompletedTask;

            public Task<long> Next(long by) => Task.FromResult(by);

            public Task Start() => Task.CompletedTask;

            public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;
        }
        """;

    /// <summary>A grain interface and a plain implementation, to run invokables without a silo.</summary>
    public const string Calculator = Usings + """
        namespace Calc;

        public interface ICalculator : IGrainWithStringKey
        {
            Task<int> Add(int left, int right);

            ValueTask<string> Join(string separator, List<string> parts);

            Task Reset();
        }

        public sealed class PlainCalculator : ICalculator
        {
            public Task<int> Add(int left, int right) => Task.FromResult(left + right);

            public ValueTask<string> Join(string separator, List<string> parts) => new(string.Join(separator, parts));

            public Task Reset() => Task.CompletedTask;
        }
        """;
}
