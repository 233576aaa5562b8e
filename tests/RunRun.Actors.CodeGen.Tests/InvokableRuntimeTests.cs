using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using RunRun.Actors.Invocation;
using RunRun.Actors.Serialization;
using Shouldly;

namespace RunRun.Actors.CodeGen.Tests;

/// <summary>Loads generated code and runs it against the real runtime types, without a silo.</summary>
public sealed class InvokableRuntimeTests
{
    private static readonly Lazy<Assembly> Calculator = new(() => Load(Snippets.Calculator));

    private readonly ActorSerializer _serializer = new([new DefaultJsonTypeInfoResolver()]);

    [Fact]
    public void Populate_GeneratedMetadata_RegistersInterfaceWithItsMethodsAndTypes()
    {
        var metadata = CalculatorMetadata();

        metadata.InterfaceType.FullName.ShouldBe("Calc.ICalculator");
        metadata.Methods.Keys.ShouldBe(["Add", "Join", "Reset"], ignoreOrder: true);
        metadata.SerializedTypes.ShouldBe([typeof(int), typeof(string), typeof(List<string>)], ignoreOrder: true);
    }

    [Fact]
    public async Task InvokeAsync_ArgumentsWrittenAndReadBack_CallsGrainWithThem()
    {
        var sent = CalculatorMetadata().Methods["Add"]();
        SetArgument(sent, 0, 2);
        SetArgument(sent, 1, 3);

        var json = Write(sent);
        var received = CalculatorMetadata().Methods["Add"]();
        Read(received, json);
        var response = await received.InvokeAsync(NewPlainCalculator());

        json.ShouldBe("[2,3]");
        response.Exception.ShouldBeNull();
        response.ShouldBeOfType<Response<int>>().Value.ShouldBe(5);
        received.InterfaceName.ShouldBe("Calc.ICalculator");
        received.MethodName.ShouldBe("Add");
    }

    [Fact]
    public async Task InvokeAsync_ValueTaskMethodWithCopiedArguments_ReturnsResultFromCopies()
    {
        var parts = new List<string> { "a", "b" };
        var invokable = CalculatorMetadata().Methods["Join"]();
        SetArgument(invokable, 0, "-");
        SetArgument(invokable, 1, parts);

        invokable.CopyArguments(_serializer);
        var response = await invokable.InvokeAsync(NewPlainCalculator());

        GetArgument(invokable, 1).ShouldNotBeSameAs(parts);
        GetArgument(invokable, 1).ShouldBe(parts);
        response.ShouldBeOfType<Response<string>>().Value.ShouldBe("a-b");
    }

    [Theory]
    [InlineData("[1]")]
    [InlineData("[1,2,3]")]
    [InlineData("[]")]
    public void ReadArguments_WrongNumberOfArguments_ThrowsJsonException(string json)
    {
        var invokable = CalculatorMetadata().Methods["Add"]();

        Should.Throw<JsonException>(() => Read(invokable, json)).Message.ShouldContain("Calc.ICalculator.Add");
    }

    [Fact]
    public void ReadArguments_NotAnArray_ThrowsJsonException()
    {
        var invokable = CalculatorMetadata().Methods["Reset"]();

        Should.Throw<JsonException>(() => Read(invokable, "{}")).Message.ShouldContain("Calc.ICalculator.Reset");
    }

    [Fact]
    public void ReadArguments_MethodWithoutParameters_AcceptsEmptyArray()
    {
        var invokable = CalculatorMetadata().Methods["Reset"]();

        Should.NotThrow(() => Read(invokable, "[]"));
        Write(invokable).ShouldBe("[]");
    }

    private static GrainInterfaceMetadata CalculatorMetadata()
    {
        var attribute = Calculator.Value.GetCustomAttribute<GeneratedGrainMetadataAttribute>().ShouldNotBeNull();
        var provider = (IGeneratedGrainMetadata)Activator.CreateInstance(attribute.ProviderType)!;
        provider.Populate(GrainTypeRegistry.Instance);
        GrainTypeRegistry.Instance.TryGetInterface("Calc.ICalculator", out var metadata).ShouldBeTrue();
        return metadata;
    }

    private static object NewPlainCalculator() => Activator.CreateInstance(Calculator.Value.GetType("Calc.PlainCalculator", throwOnError: true)!)!;

    private static void SetArgument(Invokable invokable, int index, object value) =>
        invokable.GetType().GetField($"arg{index}").ShouldNotBeNull().SetValue(invokable, value);

    private static object? GetArgument(Invokable invokable, int index) =>
        invokable.GetType().GetField($"arg{index}").ShouldNotBeNull().GetValue(invokable);

    private string Write(Invokable invokable)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            invokable.WriteArguments(writer, _serializer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private void Read(Invokable invokable, string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        invokable.ReadArguments(ref reader, _serializer);
    }

    private static Assembly Load(string source)
    {
        var outcome = GeneratorHarness.Run(source);
        using var stream = new MemoryStream();
        var emitted = outcome.Output.Emit(stream);
        emitted.Success.ShouldBeTrue(string.Join("\n", emitted.Diagnostics));
        return Assembly.Load(stream.ToArray());
    }
}
