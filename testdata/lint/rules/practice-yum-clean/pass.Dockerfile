FROM amazonlinux:2
RUN yum install -y git && yum clean all
