using System;
using System.Collections.Immutable;
using System.Linq;

namespace RunRun.Actors.CodeGen.Models;

/// <summary>Everything one compilation's generated file is made from, deduplicated and in a stable order.</summary>
internal sealed record GenerationModel(EquatableArray<GrainInterfaceModel> Interfaces, EquatableArray<GrainClassModel> Classes)
{
    public bool IsEmpty => Interfaces.IsEmpty && Classes.IsEmpty;

    public static GenerationModel Create(ImmutableArray<GrainInterfaceModel> interfaces, ImmutableArray<GrainClassModel> classes) =>
        new(
            // Partial types are seen once per declaration, and syntax order depends on file order.
            interfaces.Distinct().OrderBy(i => i.Name, StringComparer.Ordinal).ToEquatableArray(),
            classes.Distinct().OrderBy(c => c.TypeName, StringComparer.Ordinal).ToEquatableArray());
}
