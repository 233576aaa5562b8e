using Microsoft.CodeAnalysis;
using Shouldly;

namespace RunRun.Actors.CodeGen.Tests;

public sealed class DiagnosticTests
{
    private const string Interface = """
        public interface IFoo : IGrainWithStringKey
        {
            Task Run();
        }

        """;

    private const string GrainBody = """
        {
            public Task Run() => Task.CompletedTask;
        }
        """;

    public static TheoryData<string, string> BadInputs => new()
    {
        { "RRG001", "public interface IGeneric<T> : IGrainWithStringKey { Task Run(T value); }" },
        { "RRG002", "public interface IFoo : IGrainWithStringKey { int Run(); }" },
        { "RRG002", "public interface IFoo : IGrainWithStringKey { void Run(); }" },
        { "RRG003", "public interface IFoo : IGrainWithStringKey { Task Run(ref int value); }" },
        { "RRG003", "public interface IFoo : IGrainWithStringKey { Task Run(out int value); }" },
        { "RRG003", "public interface IFoo : IGrainWithStringKey { Task Run(in int value); }" },
        { "RRG003", "public interface IFoo : IGrainWithStringKey { Task Run(ref readonly int value); }" },
        { "RRG004", "public interface IFoo : IGrainWithStringKey { Task Run<T>(T value); }" },
        { "RRG005", "public interface IFoo : IGrainWithStringKey { int Count { get; } }" },
        { "RRG005", "public interface IFoo : IGrainWithStringKey { event Action Changed; }" },
        { "RRG005", "public interface IFoo : IGrainWithStringKey { int this[int index] { get; } }" },
        { "RRG005", "public interface IFoo : IGrainWithStringKey { static abstract Task Create(); }" },
        { "RRG006", "public interface IFoo : IGrainWithStringKey { [OneWay] Task<int> Run(); }" },
        { "RRG006", "public interface IFoo : IGrainWithStringKey { [OneWay] ValueTask<int> Run(); }" },
        { "RRG007", Interface + "public class GenericGrain<T> : Grain, IFoo " + GrainBody },
        { "RRG008", Interface + "public class Outer { private sealed class HiddenGrain : Grain, IFoo " + GrainBody + " }" },
        { "RRG008", Interface + "public class Outer { protected class HiddenGrain : Grain, IFoo " + GrainBody + " }" },
        { "RRG008", Interface + "file sealed class FileGrain : Grain, IFoo " + GrainBody },
        { "RRG009", Interface + "public sealed class LockedGrain : Grain, IFoo { private LockedGrain() { } public Task Run() => Task.CompletedTask; }" },
        { "RRG010", Interface + "public sealed class StateGrain([PersistentState(\"s\")] string state) : Grain, IFoo " + GrainBody },
        { "RRG011", "public class Outer { private interface IHidden : IGrainWithStringKey { Task Run(); } }" },
        { "RRG011", "file interface IHidden : IGrainWithStringKey { Task Run(); }" },
        { "RRG012", "public interface IFoo : IGrainWithStringKey { Task Run(Span<int> values); }" },
        { "RRG013", "public interface IFoo : IGrainWithStringKey, IDisposable { Task Run(); }" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Generate_BadInput_ReportsDiagnostic(string id, string declarations)
    {
        var outcome = GeneratorHarness.Run(Snippets.Usings + "namespace Bad;\n\n" + declarations);

        var diagnostic = outcome.GeneratorDiagnostics.ShouldHaveSingleItem();
        diagnostic.Id.ShouldBe(id);
        diagnostic.Severity.ShouldBe(DiagnosticSeverity.Error);
        diagnostic.Location.GetLineSpan().Path.ShouldBe("Snippet0.cs");
    }

    [Fact]
    public void Generate_BadMethod_PointsAtTheMethod()
    {
        const string Source = Snippets.Usings + """
            namespace Bad;

            public interface IFoo : IGrainWithStringKey
            {
                Task Fine();

                int Broken();
            }
            """;

        var outcome = GeneratorHarness.Run(Source);

        var diagnostic = outcome.GeneratorDiagnostics.ShouldHaveSingleItem();
        diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture).ShouldContain("Bad.IFoo.Broken");
        var line = diagnostic.Location.GetLineSpan().StartLinePosition.Line;
        Source.Split('\n')[line].ShouldContain("int Broken();");
    }

    [Fact]
    public void Generate_InvalidBaseInterface_ReportsOnceAndSkipsDerivedInterface()
    {
        const string Source = Snippets.Usings + """
            namespace Bad;

            public interface IBase : IGrainWithStringKey
            {
                int Broken();
            }

            public interface IDerived : IBase
            {
                Task Fine();
            }
            """;

        var outcome = GeneratorHarness.Run(Source);

        outcome.GeneratorDiagnostics.ShouldHaveSingleItem().Id.ShouldBe("RRG002");
        outcome.RunResult.GeneratedTrees.ShouldBeEmpty();
    }

    [Fact]
    public void Generate_InvalidInterfaceNextToValidOne_StillGeneratesTheValidOne()
    {
        const string Source = Snippets.Usings + """
            namespace Mixed;

            public interface IGood : IGrainWithStringKey
            {
                Task Fine();
            }

            public interface IBad : IGrainWithStringKey
            {
                Task Broken(ref int value);
            }
            """;

        var outcome = GeneratorHarness.Run(Source);

        outcome.GeneratorDiagnostics.ShouldHaveSingleItem().Id.ShouldBe("RRG003");
        outcome.GeneratedSource.ShouldContain("Reference_Mixed_IGood");
        outcome.GeneratedSource.ShouldNotContain("Reference_Mixed_IBad");
    }

    [Fact]
    public void Generate_ValidInput_ReportsNoDiagnostics()
    {
        var outcome = GeneratorHarness.Run(Snippets.Usings + "namespace Good;\n\n" + Interface + "public sealed class FooGrain : Grain, IFoo " + GrainBody);

        outcome.GeneratorDiagnostics.ShouldBeEmpty();
        outcome.CompilationProblems().ShouldBeEmpty(string.Join("\n", outcome.CompilationProblems()));
    }
}
