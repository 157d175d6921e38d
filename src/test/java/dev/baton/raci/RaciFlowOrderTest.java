package dev.baton.raci;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.Test;

/** The chart lists a process's user tasks in the order the flow reaches them, not in file order. */
class RaciFlowOrderTest {

  @Test
  void aJoinWaitsForAllBranchesAndSubProcessesAndBoundaryEventsAreFollowed() {
    BpmnModelInstance model = Bpmn.createExecutableProcess("Order")
        .startEvent()
        .userTask("Task_First")
        .parallelGateway("Gateway_Split")
          .userTask("Task_BranchA")
          .parallelGateway("Gateway_Join")
          .userTask("Task_Last")
          .endEvent()
        .moveToNode("Gateway_Split")
          .userTask("Task_BranchB1")
          .subProcess("SubProcess_Inner").embeddedSubProcess()
            .startEvent().userTask("Task_Inner").endEvent()
          .subProcessDone()
          .userTask("Task_BranchB2")
          .connectTo("Gateway_Join")
        .done();
    ((UserTask) model.getModelElementById("Task_First")).builder()
        .boundaryEvent("Event_Late").timerWithDuration("P1D").userTask("Task_Chase").endEvent();

    assertThat(RaciChartReader.userTasksInFlowOrder(model, "Order").stream().map(UserTask::getId))
        // The escalation path (boundary timer) follows the task's regular next steps.
        .containsExactly("Task_First", "Task_BranchA", "Task_BranchB1", "Task_Chase", "Task_Inner", "Task_BranchB2",
            "Task_Last");
  }

  @Test
  void aLoopBackDoesNotHideTheTasksAfterIt() {
    BpmnModelInstance model = Bpmn.createExecutableProcess("Loop")
        .startEvent()
        .exclusiveGateway("Gateway_Merge")
        .userTask("Task_Draft")
        .userTask("Task_Review")
        .exclusiveGateway("Gateway_Approved")
          .condition("yes", "${approved}").userTask("Task_Publish").endEvent()
        .moveToNode("Gateway_Approved")
          .condition("no", "${!approved}").connectTo("Gateway_Merge")
        .done();

    assertThat(RaciChartReader.userTasksInFlowOrder(model, "Loop").stream().map(UserTask::getId))
        .containsExactly("Task_Draft", "Task_Review", "Task_Publish");
  }
}
